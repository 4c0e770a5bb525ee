package dev.ratel.jobs.deliver;

import java.util.Objects;
import java.util.Properties;

/**
 * The SMTP server documents are sent through and the sender they come from.
 *
 * @param host the server
 * @param port its port (587 for STARTTLS, 465 for SMTPS, 25 without TLS)
 * @param security how the connection is protected
 * @param user the login, or null to send without one
 * @param password the login's password (from the environment, never the command line)
 * @param from the sender's address, as customers see it
 * @param trustedHost a host whose certificate is taken without checking it against the JVM's trust store (a relay with a
 *     self-signed certificate), or null to check every certificate
 * @param timeoutMillis how long to wait to connect, and for each reply
 */
public record MailSettings(String host, int port, Security security, String user, String password, String from, String trustedHost,
                           int timeoutMillis) {
    /** How the connection to the server is protected. */
    public enum Security { NONE, STARTTLS, SMTPS }

    public MailSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(from, "from");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port");
        }
    }

    /** The Jakarta Mail session properties for these settings. */
    Properties properties() {
        String protocol = security == Security.SMTPS ? "smtps" : "smtp";
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", protocol);
        properties.setProperty("mail." + protocol + ".host", host);
        properties.setProperty("mail." + protocol + ".port", Integer.toString(port));
        properties.setProperty("mail." + protocol + ".auth", Boolean.toString(user != null));
        properties.setProperty("mail." + protocol + ".connectiontimeout", Integer.toString(timeoutMillis));
        properties.setProperty("mail." + protocol + ".timeout", Integer.toString(timeoutMillis));
        properties.setProperty("mail." + protocol + ".writetimeout", Integer.toString(timeoutMillis));
        if (security == Security.STARTTLS) {
            properties.setProperty("mail.smtp.starttls.enable", "true");
            properties.setProperty("mail.smtp.starttls.required", "true");
        }
        if (security != Security.NONE) {
            properties.setProperty("mail." + protocol + ".ssl.checkserveridentity", Boolean.toString(trustedHost == null));
            if (trustedHost != null) {
                properties.setProperty("mail." + protocol + ".ssl.trust", trustedHost);
            }
        }
        return properties;
    }
}
