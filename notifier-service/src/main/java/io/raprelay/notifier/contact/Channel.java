package io.raprelay.notifier.contact;

/** How a notice reaches a contact. */
public enum Channel {
    EMAIL, SMS;

    /** The channel a notice falls back to when this one keeps failing. */
    public Channel other() {
        return this == EMAIL ? SMS : EMAIL;
    }
}
