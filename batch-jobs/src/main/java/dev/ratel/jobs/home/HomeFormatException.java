package dev.ratel.jobs.home;

import java.io.IOException;

/** The home is of a format this Ratel does not read; the message says what to do. Reported before any work (exit code 2). */
public final class HomeFormatException extends IOException {
    public HomeFormatException(String message) {
        super(message);
    }
}
