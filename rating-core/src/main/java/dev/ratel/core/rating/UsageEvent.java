package dev.ratel.core.rating;

/**
 * One usage record as the rater sees it: a mutable flyweight, filled from the journal and reused
 * for every record so the hot path allocates nothing. Numbers are digits in international form
 * held in a {@code long}; the other party is 0 when the service has none (data).
 */
public final class UsageEvent {
    public Service service;
    public Direction direction;
    public NumberKind numberKind;
    public long subscriber;
    public long otherParty;
    public long startEpochMillis;
    public long durationSeconds;
    public long volumeBytes;
    public int smsChars;
    public SmsEncoding smsEncoding;
    /** Whether the other party is a number of the charged party's own account (closed group). */
    public boolean otherPartyInAccount;

    public UsageEvent voice(Direction direction, NumberKind kind, long subscriber, long otherParty,
                            long startEpochMillis, long durationSeconds) {
        set(Service.VOICE, direction, kind, subscriber, otherParty, startEpochMillis);
        this.durationSeconds = durationSeconds;
        return this;
    }

    public UsageEvent sms(NumberKind kind, long subscriber, long otherParty, long startEpochMillis,
                          int characters, SmsEncoding encoding) {
        set(Service.SMS, Direction.OUT, kind, subscriber, otherParty, startEpochMillis);
        this.smsChars = characters;
        this.smsEncoding = encoding;
        return this;
    }

    public UsageEvent data(NumberKind kind, long subscriber, long startEpochMillis, long volumeBytes) {
        set(Service.DATA, Direction.OUT, kind, subscriber, 0, startEpochMillis);
        this.volumeBytes = volumeBytes;
        return this;
    }

    private void set(Service service, Direction direction, NumberKind kind, long subscriber, long otherParty,
                     long startEpochMillis) {
        this.service = service;
        this.direction = direction;
        this.numberKind = kind;
        this.subscriber = subscriber;
        this.otherParty = otherParty;
        this.startEpochMillis = startEpochMillis;
        this.durationSeconds = 0;
        this.volumeBytes = 0;
        this.smsChars = 0;
        this.smsEncoding = SmsEncoding.GSM7;
        this.otherPartyInAccount = false;
    }
}
