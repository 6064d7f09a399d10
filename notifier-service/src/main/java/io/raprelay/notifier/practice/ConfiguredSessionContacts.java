package io.raprelay.notifier.practice;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.raprelay.notifier.alert.SessionContacts;

/** A configured session's own contacts, as stored with it. */
@ApplicationScoped
public class ConfiguredSessionContacts implements SessionContacts {

    @Override
    @Transactional
    public List<Long> of(String sessionId) {
        ConfiguredSession session = ConfiguredSession.findById(sessionId);
        return session == null ? List.of() : PracticeSessionService.contactIds(session);
    }
}
