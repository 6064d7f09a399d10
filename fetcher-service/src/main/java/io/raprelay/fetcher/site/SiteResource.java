package io.raprelay.fetcher.site;

import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.identity.SecurityIdentity;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.LoginCheckCompleted;
import io.raprelay.fetcher.poll.AccountPolling;
import io.raprelay.fetcher.poll.HostKeyProbe;
import io.raprelay.fetcher.poll.HostSelection;
import io.raprelay.fetcher.site.SiteView.AccountView;
import io.raprelay.fetcher.site.SiteView.HostView;

/**
 * The fetcher's operations API ({@code /api/sites}): status of each RAP installation, and the data-centre switch,
 * which only an {@code operator} may make.
 */
@Path("/api/sites")
@Produces(MediaType.APPLICATION_JSON)
public class SiteResource {

    private final Sites sites;
    private final HostSelection selection;
    private final DataCentreService dataCentres;
    private final HostKeyProbe probe;
    private final SecurityIdentity identity;
    private final LoginCheck logins;

    public SiteResource(Sites sites, HostSelection selection, DataCentreService dataCentres, HostKeyProbe probe,
            SecurityIdentity identity, LoginCheck logins) {
        this.logins = logins;
        this.sites = sites;
        this.selection = selection;
        this.dataCentres = dataCentres;
        this.probe = probe;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({"operator", "auditor", "admin"})
    @Operation(summary = "Status of every RAP installation: active data centre, hosts, accounts")
    public List<SiteView> all() {
        return sites.installations().stream().map(this::view).toList();
    }

    @GET
    @Path("/{installation}")
    @RolesAllowed({"operator", "auditor", "admin"})
    @Operation(summary = "Status of one RAP installation")
    public SiteView one(@PathParam("installation") String installation) {
        return view(installation(installation));
    }

    @POST
    @Path("/{installation}/data-centre")
    @RolesAllowed({"operator", "admin"})
    @Operation(summary = "Switch an installation's active data centre (drills, contingencies)")
    public SiteView switchDataCentre(@PathParam("installation") String installation,
            @Valid @NotNull DataCentreSwitchRequest request) {
        Installation target = installation(installation);
        dataCentres.switchTo(target, request.target(), request.reason(), identity.getPrincipal().getName());
        return view(target);
    }

    @POST
    @Path("/{installation}/login-check")
    @RolesAllowed({"operator", "admin"})
    @Operation(summary = "Log in and list (read-only) with every account on every host of a data centre (default: the "
            + "secondary, the standby pre-check) now; published as LoginCheckCompleted")
    public LoginCheckCompleted loginCheck(@PathParam("installation") String installation,
            @QueryParam("dataCentre") String dataCentre) {
        DataCentre target;
        try {
            target = dataCentre == null
                    ? DataCentre.SECONDARY
                    : DataCentre.valueOf(dataCentre.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("dataCentre: '" + dataCentre + "' is not PRIMARY or SECONDARY");
        }
        return logins.onDemand(installation(installation), target);
    }

    private Installation installation(String value) {
        try {
            Installation installation = Installation.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
            if (sites.installations().contains(installation)) {
                return installation;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new BadRequestException("installation: '" + value + "' is not a configured installation "
                + sites.installations());
    }

    private SiteView view(Installation installation) {
        ActiveDataCentre active = dataCentres.active(installation);
        String warning = active.dataCentre() == DataCentre.SECONDARY
                ? "SECONDARY DATA CENTRE ACTIVE since " + active.since() + " (" + active.operator() + ": "
                        + active.reason() + "). HKEX expects the primary for production on the next business day."
                : null;
        List<HostView> hosts = selection.statuses(installation).stream()
                .map(s -> new HostView(s.host().name(), s.host().address(), s.host().dataCentre(), s.host().index(),
                        s.healthy(), s.lastSuccess(), s.lastFailure(), s.lastReason(), s.lastError(),
                        probe.pinnedFingerprint(s.host(), sites.knownHostsFile(installation)), s.presentedHostKey()))
                .toList();
        List<AccountView> accounts = selection.accounts().stream()
                .filter(p -> p.account().installation() == installation)
                .map(this::account)
                .toList();
        return new SiteView(installation, active.dataCentre(), active.since(), active.operator(), active.reason(),
                warning, hosts, accounts);
    }

    private AccountView account(AccountPolling polling) {
        RapAccount account = polling.account();
        return new AccountView(account.user(), polling.current().name(), probe.keyFingerprint(account.privateKey()),
                account.folders());
    }
}
