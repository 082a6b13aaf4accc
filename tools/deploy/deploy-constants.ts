/** Facts the generated manifests share: cluster names, versions, ports, the image tag, the user pods run as. */

export const KAFKA_CLUSTER = 'cde-kafka';
export const CONNECT_CLUSTER = 'cde-connect';
export const KAFKA_VERSION = '4.3.1';
export const KAFKA_METADATA_VERSION = '4.3-IV0';
/** Debezium plugins Strimzi builds into the Connect image (the versions of deploy/local/pom.xml). */
export const DEBEZIUM_PLUGINS = { mariadb: '3.5.0.Final', mysql: '3.6.1.Final' } as const;
/** The SCRAM-over-TLS listener every client uses. */
export const KAFKA_BOOTSTRAP = `${KAFKA_CLUSTER}-kafka-bootstrap:9093`;
export const CLUSTER_CA_SECRET = `${KAFKA_CLUSTER}-cluster-ca-cert`;
export const IMAGE_TAG = '0.1.0';
/** Where every service serves /metrics and /health in a pod (one port name, `metrics`). */
export const METRICS_PORT = 9464;
export const RECEIVER_PORT = 8090;
export const RUN_AS = 10001;

export type Manifest = Record<string, unknown>;
export type Role = 'feed-service' | 'exporter' | 'receiver';

/** The pod security of every workload of ours: a fixed non-root user and the runtime's default seccomp profile. */
export function podSecurityContext(): Manifest {
  return {
    runAsNonRoot: true,
    runAsUser: RUN_AS,
    runAsGroup: RUN_AS,
    fsGroup: RUN_AS,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** The container security of every workload of ours: no privilege escalation or capabilities, a read-only root. */
export function containerSecurityContext(): Manifest {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
  };
}

/** An HTTP probe of a container port of ours, by the port's name. */
export function httpProbe(
  port: string,
  path: string,
  periodSeconds: number,
  failureThreshold: number,
): Manifest {
  return { httpGet: { path, port }, periodSeconds, timeoutSeconds: 3, failureThreshold };
}

/**
 * glibc malloc arenas per Node service process. The default (eight per core) gives each libuv worker thread arenas
 * of its own, where zlib's and the sockets' native allocations fragment: the exporter draining a large backlog held
 * about 140 MiB there and peaked at 528 MiB of RSS against its 512 MiB limit; with two, about 40 MiB (ADR 23).
 */
export const MALLOC_ARENA_MAX = '2';
