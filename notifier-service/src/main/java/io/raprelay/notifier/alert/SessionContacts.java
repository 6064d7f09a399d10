package io.raprelay.notifier.alert;

import java.util.List;

/** The contacts a practice session names for its own notices (none: its notices go to the subscribers). */
public interface SessionContacts {

    List<Long> of(String sessionId);
}
