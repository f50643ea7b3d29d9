// The bench drives the local cluster as the fault suite does; apps/cluster is an app, not a library, so
// there is no @chat alias for it. Every other bench file imports it from here.
// eslint-disable-next-line no-restricted-imports
export { Cluster, type ClusterOptions } from '../../cluster/src';
