# Sourced by bench-lib.sh and fetch.sh.
# The JVM options a pod of deploy/k8s runs with. The image's run-java.sh starts the JVM with the collector that the
# manifest pins (GC_CONTAINER_OPTIONS) and the script's own heap-sizing ratios; the manifest's JAVA_OPTS_APPEND sets the
# heap as a share of the pod's memory limit, given here as -Xmx of that share (this machine is not a container).
# A manifest that sets GC_TIME_RATIO (the catalog's: 99) passes it as the third argument; run-java.sh's default is 4.
pod_java_opts() { # <heap> <collector option> [GC_TIME_RATIO]
    echo "-Xmx$1 $2 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=${3:-4} -XX:AdaptiveSizePolicyWeight=90" \
        "-XX:+ExitOnOutOfMemoryError"
}
# The catalog pod (deploy/k8s/catalog.yaml): 60 % of its 768 MiB limit, the parallel collector, GC_TIME_RATIO 99.
catalog_pod_java_opts() { pod_java_opts 460m -XX:+UseParallelGC 99; }
