package io.raprelay.fetcher.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import com.sun.security.auth.module.UnixSystem;

/**
 * Who may read an account's private key besides the fetcher, decided as PostgreSQL decides for its server key: a key
 * the fetcher's user owns must be its owner's only (600 or 400); a key root owns may also be read by its group (640 or
 * 440, never group-writable), which is how Kubernetes mounts a Secret next to a pod's {@code fsGroup}: owned by root,
 * the group the pod's, its mode at least 440 whatever {@code defaultMode} says. Others may never read a key, and a
 * key owned by anyone else is refused.
 */
public final class KeyFileAccess {

    private static final int ROOT = 0;
    private static final int GROUP_AND_OTHERS = 0077;
    private static final int GROUP_WRITE_EXECUTE_AND_OTHERS = 0037;

    private KeyFileAccess() {
    }

    /** What is wrong with a key file owned by {@code ownerUid} with permission bits {@code mode}, if anything. */
    public static Optional<String> problem(int ownerUid, int mode, int fetcherUid) {
        String permissions = PosixFilePermissions.toString(permissions(mode));
        if (ownerUid == fetcherUid) {
            return (mode & GROUP_AND_OTHERS) == 0
                    ? Optional.empty()
                    : Optional.of("is accessible by group or others (" + permissions
                            + "); allow its owner only: chmod 600");
        }
        if (ownerUid == ROOT) {
            return (mode & GROUP_WRITE_EXECUTE_AND_OTHERS) == 0
                    ? Optional.empty()
                    : Optional.of("is owned by root and accessible beyond its group's read (" + permissions
                            + "); allow at most chmod 640");
        }
        return Optional.of("is owned by uid " + ownerUid + ", neither the fetcher's user (uid " + fetcherUid
                + ") nor root: chown it to the fetcher's user");
    }

    /** The same decision for a file on disk, read by this process. */
    static Optional<String> problem(Path keyFile) throws IOException {
        int owner = (Integer) Files.getAttribute(keyFile, "unix:uid");
        int mode = (Integer) Files.getAttribute(keyFile, "unix:mode") & 0777;
        return problem(owner, mode, (int) new UnixSystem().getUid());
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] byBit = PosixFilePermission.values(); // OWNER_READ first, OTHERS_EXECUTE last
        for (int i = 0; i < byBit.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                permissions.add(byBit[i]);
            }
        }
        return permissions;
    }
}
