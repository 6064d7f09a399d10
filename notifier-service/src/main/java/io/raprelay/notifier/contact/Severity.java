package io.raprelay.notifier.contact;

/** How urgent a notice is; subscriptions set a minimum. CRITICAL notices ignore silences and digests. */
public enum Severity {
    INFO, WARNING, ERROR, CRITICAL
}
