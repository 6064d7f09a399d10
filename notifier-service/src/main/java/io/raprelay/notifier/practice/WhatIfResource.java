package io.raprelay.notifier.practice;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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

    static final String ID_RULE = "is required: 1 to 64 letters, digits, '.', '_' or '-' (it becomes part of the "
            + "practice reports' keys)";
    static final String PARTS_RULE = "between 1 and 10 parts";
    static final String TIME_RULE = "is required (HH:mm, Hong Kong time)";
    static final String INSTANT_RULE = "is required (ISO date-time with offset)";
    static final String CODE_RULE = "an HKO warning code (TC8NE, WRAINB, ...) or EXTREME";

    /** A part, checked by Bean Validation; that it ends after it starts is checked with the session. */
    public record PartRequest(
            @Size(max = 100, message = "at most 100 characters") String name,
            @NotNull(message = TIME_RULE) LocalTime start,
            @NotNull(message = TIME_RULE) LocalTime end,
            @NotNull(message = "is required (PRIMARY or SECONDARY)") DataCentre dataCentre) {
    }

    /** {@code hotline} and {@code contactIds} matter only to configured sessions (the notices' text and recipients). */
    public record SessionRequest(
            @NotNull(message = ID_RULE) @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = ID_RULE) String id,
            @NotNull(message = "is required (yyyy-MM-dd)") LocalDate date,
            @NotNull(message = PARTS_RULE) @Size(min = 1, max = 10, message = PARTS_RULE) List<@NotNull(message = "is empty") @Valid PartRequest> parts,
            @Size(min = 1, max = 200, message = "1 to 200 characters") String hotline,
            @Size(max = 50, message = "at most 50 contacts") List<@NotNull(message = "is empty") Long> contactIds) {
    }

    public record WarningRequest(
            @NotNull(message = CODE_RULE) @Pattern(regexp = "[A-Z0-9]{2,16}", message = CODE_RULE) String code,
            @NotNull(message = INSTANT_RULE) OffsetDateTime issuedAt,
            OffsetDateTime endedAt) {
    }

    /** {@code session} may be left out: the circular's June 2025 session. */
    public record WhatIfRequest(
            @Valid SessionRequest session,
            @Size(max = 100, message = "at most 100 warnings") List<@NotNull(message = "is empty") @Valid WarningRequest> warnings,
            @NotNull(message = INSTANT_RULE) OffsetDateTime at) {
    }

    public record WhatIfView(String sessionId, LocalDate date, Decision decision, List<Notice> notices) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public WhatIfView whatIf(@Valid @NotNull(message = "a what-if request is required") WhatIfRequest request) {
        PracticeSession session = request.session() == null
                ? PracticeSession.june2025()
                : session(request.session(), "session.");
        List<Warning> warnings = warnings(request.warnings());
        return new WhatIfView(session.id(), session.date(),
                PracticeRules.decide(session, warnings, request.at().toInstant()),
                PracticeRules.notices(session, warnings, request.at().toInstant()));
    }

    /**
     * A session checked by Bean Validation, whose parts each end after they start ({@code prefix}: where the session
     * is in the request, for the field named).
     */
    static PracticeSession session(SessionRequest s, String prefix) {
        List<PracticeSession.Part> parts = new ArrayList<>();
        for (int i = 0; i < s.parts().size(); i++) {
            PartRequest p = s.parts().get(i);
            if (!p.end().isAfter(p.start())) {
                throw new BadFieldException(prefix + "parts[" + i + "].end", "must be after start");
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
