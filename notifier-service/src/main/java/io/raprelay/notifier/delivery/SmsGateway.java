package io.raprelay.notifier.delivery;

/** Sends one SMS; an adapter per provider protocol. */
public interface SmsGateway {

    /**
     * @return the provider's message id
     * @throws DeliveryException
     *             when the provider refused or could not be reached
     */
    String send(String mobile, String text);
}
