package io.raprelay.fetcher.classify;

import java.util.regex.Pattern;

import io.raprelay.contracts.Installation;
import io.raprelay.contracts.SourceSystem;

/**
 * One line of the classification table: a pattern on the path below the account's root, the system it means, and
 * optionally a fixed report code, a date format for the {@code date} group and the installation it applies to.
 */
public record ClassificationRule(String name, Installation installation, Pattern pattern, SourceSystem system,
        String reportCode, String dateFormat) {
}
