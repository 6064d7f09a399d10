package io.raprelay.notifier.practice;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.raprelay.contracts.DataCentre;
import io.raprelay.notifier.BadFieldException;
import io.raprelay.notifier.practice.PracticeRules.Decision;
import io.raprelay.notifier.practice.PracticeRules.Notice;
import io.raprelay.notifier.weather.Warning;

/**
 * Rehearsal: given a session and a timeline of warnings, what the circular's rules decide by a given time and which
 * notices would have gone out, without sending anything. Runs the same {@link PracticeRules} as the live path.
 */
@Path("/api/practice-sessions/what-if")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"operator", "admin"})
public class WhatIfResource {

    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern CODE = Pattern.compile("[A-Z0-9]{2,16}");

    public record PartRequest(String name, LocalTime start, LocalTime end, DataCentre dataCentre) {
    }

    /** {@code hotline} and {@code contactIds} matter only to configured sessions (the notices' text and recipients). */
    public record SessionRequest(String id, LocalDate date, List<PartRequest> parts, String hotline,
            List<Long> contactIds) {
    }

    public record WarningRequest(String code, OffsetDateTime issuedAt, OffsetDateTime endedAt) {
    }

    /** {@code session} may be left out: the circular's June 2025 session. */
    public record WhatIfRequest(SessionRequest session, List<WarningRequest> warnings, OffsetDateTime at) {
    }

    public record WhatIfView(String sessionId, LocalDate date, Decision decision, List<Notice> notices) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public WhatIfView whatIf(WhatIfRequest request) {
        if (request == null) {
            throw new BadFieldException("body", "a what-if request is required");
        }
        if (request.at() == null) {
            throw new BadFieldException("at", "is required (ISO date-time with offset)");
        }
        PracticeSession session = request.session() == null ? PracticeSession.june2025() : session(request.session());
        List<Warning> warnings = warnings(request.warnings());
        return new WhatIfView(session.id(), session.date(),
                PracticeRules.decide(session, warnings, request.at().toInstant()),
                PracticeRules.notices(session, warnings, request.at().toInstant()));
    }

    static PracticeSession session(SessionRequest s) {
        if (s.id() == null || !SESSION_ID.matcher(s.id()).matches()) {
            throw new BadFieldException("session.id", "is required: 1 to 64 letters, digits, '.', '_' or '-' (it "
                    + "becomes part of the practice reports' keys)");
        }
        if (s.date() == null) {
            throw new BadFieldException("session.date", "is required (yyyy-MM-dd)");
        }
        if (s.parts() == null || s.parts().isEmpty() || s.parts().size() > 10) {
            throw new BadFieldException("session.parts", "between 1 and 10 parts");
        }
        List<PracticeSession.Part> parts = new ArrayList<>();
        for (int i = 0; i < s.parts().size(); i++) {
            PartRequest p = s.parts().get(i);
            String at = "session.parts[" + i + "]";
            if (p == null || p.start() == null || p.end() == null || !p.end().isAfter(p.start())) {
                throw new BadFieldException(at, "needs a start and an end after it (HH:mm, Hong Kong time)");
            }
            if (p.dataCentre() == null) {
                throw new BadFieldException(at + ".dataCentre", "is required (PRIMARY or SECONDARY)");
            }
            parts.add(new PracticeSession.Part(p.name() == null ? "Part " + (i + 1) : p.name(), p.start(), p.end(),
                    p.dataCentre()));
        }
        return new PracticeSession(s.id(), s.date(), parts);
    }

    /** The timeline as seen: in issue order, each ending after it began. */
    private static List<Warning> warnings(List<WarningRequest> requests) {
        List<Warning> warnings = new ArrayList<>();
        if (requests == null) {
            return warnings;
        }
        OffsetDateTime previous = null;
        for (int i = 0; i < requests.size(); i++) {
            WarningRequest w = requests.get(i);
            String at = "warnings[" + i + "]";
            if (w == null || w.code() == null || !CODE.matcher(w.code()).matches()) {
                throw new BadFieldException(at + ".code", "an HKO warning code (TC8NE, WRAINB, ...) or EXTREME");
            }
            if (w.issuedAt() == null) {
                throw new BadFieldException(at + ".issuedAt", "is required (ISO date-time with offset)");
            }
            if (previous != null && w.issuedAt().isBefore(previous)) {
                throw new BadFieldException(at + ".issuedAt", "is before the warning listed before it: the timeline "
                        + "must be in issue order");
            }
            if (w.endedAt() != null && !w.endedAt().isAfter(w.issuedAt())) {
                throw new BadFieldException(at + ".endedAt", "must be after issuedAt");
            }
            previous = w.issuedAt();
            warnings.add(new Warning(w.code(), w.issuedAt().toInstant(),
                    w.endedAt() == null ? null : w.endedAt().toInstant()));
        }
        return warnings;
    }
}
