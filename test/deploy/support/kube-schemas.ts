import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';
import type { KubeObject } from './helm';

type Model = new (data: any) => { validate(): void };

/**
 * The kinds the chart renders, each with its kubernetes-models class. A kind missing here fails the
 * check, so a new template must be added deliberately.
 */
const MODELS: Record<string, Model> = {
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
};

/** Custom resources kubernetes-models has no schema for; the tests check them structurally instead. */
export const CUSTOM_RESOURCES = new Set(['monitoring.coreos.com/v1/ServiceMonitor']);

export const typeOf = (object: KubeObject): string => `${object.apiVersion}/${object.kind}`;

/** Throws with the schema's complaint when the object does not validate. */
export function validateAgainstSchema(object: KubeObject): void {
  const model = MODELS[typeOf(object)];
  if (!model) throw new Error(`no Kubernetes schema known for ${typeOf(object)} ${object.metadata.name}`);
  new model(object).validate();
}
