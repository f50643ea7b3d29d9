import type { KubeObject } from './helm';

/** Queries over one render of the chart. */
export class Rendered {
  constructor(readonly objects: KubeObject[]) {}

  ofKind(kind: string): KubeObject[] {
    return this.objects.filter((object) => object.kind === kind);
  }

  named(kind: string, name: string): KubeObject | undefined {
    return this.ofKind(kind).find((object) => object.metadata.name === name);
  }

  deployment(component: string): KubeObject {
    const found = this.ofKind('Deployment').find(
      (deployment) => deployment.metadata.labels?.['app.kubernetes.io/component'] === component,
    );
    if (!found) throw new Error(`no ${component} Deployment rendered`);
    return found;
  }

  /** The non-secret environment a Deployment's first container gets from its ConfigMaps. */
  configEnv(deployment: KubeObject): Record<string, string> {
    const container = deployment.spec.template.spec.containers[0];
    const env: Record<string, string> = {};
    for (const source of container.envFrom ?? []) {
      const configMap = this.named('ConfigMap', source.configMapRef?.name);
      if (configMap) Object.assign(env, configMap.data);
    }
    return env;
  }

  /** Pods' label sets, one per Deployment. */
  podLabels(): Record<string, string>[] {
    return this.ofKind('Deployment').map((deployment) => deployment.spec.template.metadata.labels);
  }
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: {
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }[];
}

/** Whether a full label selector (matchLabels and matchExpressions) picks an object with these labels. */
export function selectsWith(selector: LabelSelector, labels: Record<string, string>): boolean {
  return (
    selects(selector.matchLabels, labels) &&
    (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
      switch (operator) {
        case 'In':
          return key in labels && values.includes(labels[key]);
        case 'NotIn':
          return !(key in labels) || !values.includes(labels[key]);
        case 'Exists':
          return key in labels;
        case 'DoesNotExist':
          return !(key in labels);
      }
    })
  );
}

/** Whether a matchLabels selector picks an object with these labels. An empty selector picks all. */
export function selects(
  matchLabels: Record<string, string> | undefined,
  labels: Record<string, string>,
): boolean {
  return Object.entries(matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}
