package io.raprelay.fetcher.site;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.raprelay.contracts.DataCentre;

/** An operator's request to move an installation to another data centre; the reason is kept with the event. */
public record DataCentreSwitchRequest(@NotNull DataCentre target, @NotBlank @Size(max = 2000) String reason) {
}
