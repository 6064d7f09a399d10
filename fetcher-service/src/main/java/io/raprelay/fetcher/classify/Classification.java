package io.raprelay.fetcher.classify;

import java.time.LocalDate;

import io.raprelay.contracts.SourceSystem;

/**
 * What a remote path says about its report.
 *
 * @param participant
 *            absent for reports common to all participants
 * @param rule
 *            the name of the rule that matched, or {@code none}
 */
public record Classification(SourceSystem system, String reportCode, String participant, LocalDate businessDate,
        String mediaType, String rule) {
}
