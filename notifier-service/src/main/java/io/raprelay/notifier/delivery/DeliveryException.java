package io.raprelay.notifier.delivery;

/** A channel could not deliver a message; the notification is retried, then falls back to the other channel. */
public class DeliveryException extends RuntimeException {

    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    public DeliveryException(String message) {
        super(message);
    }
}
