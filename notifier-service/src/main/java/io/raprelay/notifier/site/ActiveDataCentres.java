package io.raprelay.notifier.site;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.DataCentreSwitched;
import io.raprelay.contracts.Installation;

/**
 * The fetcher's active data centre per installation, as its {@link DataCentreSwitched} events tell: PRIMARY until an
 * event says otherwise. Events may come twice or out of order: the latest switch wins.
 */
@ApplicationScoped
public class ActiveDataCentres {

    /** One installation's active data centre, and the switch that made it so (null: never switched). */
    public record Active(Installation installation, DataCentre dataCentre, Instant switchedAt, String switchedBy) {
    }

    private final EntityManager entityManager;

    ActiveDataCentres(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records a switch (a reminder changes nothing); idempotent, an older switch never overwrites a newer one. */
    @Transactional
    public void record(DataCentreSwitched switched) {
        if (switched.reminder()) {
            return;
        }
        entityManager.createNativeQuery("""
                insert into active_data_centre (installation, data_centre, switched_at, switched_by, event_id)
                values (:installation, :dc, :at, :by, :id)
                on conflict (installation) do update set data_centre = excluded.data_centre,
                    switched_at = excluded.switched_at, switched_by = excluded.switched_by,
                    event_id = excluded.event_id
                where active_data_centre.switched_at < excluded.switched_at""")
                .setParameter("installation", switched.installation().name())
                .setParameter("dc", switched.to().name()).setParameter("at", switched.occurredAt())
                .setParameter("by", switched.operator()).setParameter("id", switched.eventId()).executeUpdate();
    }

    /** Every installation's active data centre now. */
    @Transactional
    public Map<Installation, Active> all() {
        Map<Installation, Active> active = new LinkedHashMap<>();
        for (Installation installation : Installation.values()) {
            active.put(installation, new Active(installation, DataCentre.PRIMARY, null, null));
        }
        List<?> rows = entityManager.createNativeQuery(
                "select installation, data_centre, switched_at, switched_by from active_data_centre").getResultList();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            Installation installation = Installation.valueOf((String) r[0]);
            active.put(installation, new Active(installation, DataCentre.valueOf((String) r[1]), (Instant) r[2],
                    (String) r[3]));
        }
        return active;
    }
}
