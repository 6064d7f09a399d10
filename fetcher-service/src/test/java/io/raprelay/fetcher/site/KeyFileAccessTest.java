package io.raprelay.fetcher.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Who may read a private key besides the fetcher: its owner only, or root's file shared with the pod's group. */
class KeyFileAccessTest {

    private static final int FETCHER = 185;
    private static final int ROOT = 0;

    @Test
    void theFetchersOwnKeyMustBeItsOwnersOnly() {
        assertThat(KeyFileAccess.problem(FETCHER, 0600, FETCHER)).isEmpty();
        assertThat(KeyFileAccess.problem(FETCHER, 0400, FETCHER)).isEmpty();
        assertThat(KeyFileAccess.problem(FETCHER, 0640, FETCHER))
                .hasValue("is accessible by group or others (rw-r-----); allow its owner only: chmod 600");
        assertThat(KeyFileAccess.problem(FETCHER, 0604, FETCHER)).isPresent();
    }

    @Test
    void aKubernetesSecretBesideAnFsGroupIsAccepted() {
        // defaultMode 0400 with fsGroup: the kubelet makes the file root:<fsGroup>, mode 0440
        assertThat(KeyFileAccess.problem(ROOT, 0440, FETCHER)).isEmpty();
        assertThat(KeyFileAccess.problem(ROOT, 0640, FETCHER)).isEmpty();
    }

    @Test
    void rootsKeyMayNotBeReadByOthersNorWrittenByItsGroup() {
        assertThat(KeyFileAccess.problem(ROOT, 0444, FETCHER))
                .hasValue(
                        "is owned by root and accessible beyond its group's read (r--r--r--); allow at most chmod 640");
        assertThat(KeyFileAccess.problem(ROOT, 0660, FETCHER)).isPresent();
    }

    @Test
    void aFetcherRunningAsRootAllowsNoGroupEither() {
        assertThat(KeyFileAccess.problem(ROOT, 0440, ROOT)).hasValueSatisfying(p -> assertThat(p)
                .startsWith("is accessible by group or others (r--r-----)"));
    }

    @Test
    void aKeyOwnedBySomeoneElseIsRefused() {
        assertThat(KeyFileAccess.problem(1000, 0600, FETCHER)).hasValue(
                "is owned by uid 1000, neither the fetcher's user (uid 185) nor root: chown it to the fetcher's user");
    }
}
