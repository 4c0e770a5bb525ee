package dev.ratel.jobs.deliver;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Sends e-mails with attachments through one SMTP server (Jakarta Mail, Eclipse Angus), keeping one connection open for
 * a chunk of messages and opening it again after a failure. A message's id is given by the caller, so the same invoice
 * sent again carries the same Message-ID and the recipient's mail system can see it is one message.
 */
final class Mailer implements AutoCloseable {
    private final MailSettings settings;
    private final Session session;
    private Transport transport;

    Mailer(MailSettings settings) {
        this.settings = settings;
        this.session = Session.getInstance(settings.properties());
    }

    /** Connects now: a server that cannot be reached or refuses the login is found before anything is marked sent. */
    void connect() throws MessagingException {
        if (transport == null || !transport.isConnected()) {
            close();
            transport = session.getTransport(settings.security() == MailSettings.Security.SMTPS ? "smtps" : "smtp");
            transport.connect(settings.host(), settings.port(), settings.user(), settings.password());
        }
    }

    /** One e-mail with a plain-text body and files attached under the names given. */
    void send(String messageId, String to, String subject, String body, List<Path> files, List<String> names) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress(settings.from()));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
        message.setSubject(subject, "UTF-8");
        MimeMultipart parts = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText(body, "UTF-8");
        parts.addBodyPart(text);
        for (int i = 0; i < files.size(); i++) {
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.attachFile(files.get(i).toFile(), "application/pdf", null);
            attachment.setFileName(names.get(i));
            parts.addBodyPart(attachment);
        }
        message.setContent(parts);
        message.saveChanges();
        try {
            connect();
        } catch (MessagingException e) {
            throw new NotSentException(e);
        }
        transport.sendMessage(message, message.getAllRecipients());
    }

    /** The message never left: the connection could not be opened. Safe to try again. */
    static final class NotSentException extends MessagingException {
        NotSentException(MessagingException cause) {
            super(cause.getMessage(), cause);
        }
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the connection is gone either way
            }
            transport = null;
        }
    }
}
