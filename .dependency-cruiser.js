// Library boundaries (docs/architecture.md, "Boundaries"), checked by `npm run check`.
// Each library lists the libraries it may import; anything else fails with the rule `<lib>-imports-only-…`.

const core = ['contracts', 'config', 'platform'];
const service = [...core, 'authn'];

/** library → the libraries it may import (besides itself). */
const allowed = {
  contracts: [],
  config: ['contracts'],
  platform: ['contracts', 'config'],
  authn: core,
  identity: service,
  messages: service,
  realtime: service,
  announcements: [...service, 'realtime'],
  // rooms → identity: rooms reads users (members, DMs) through identity's UsersRepository.
  rooms: [...service, 'realtime', 'messages', 'identity'],
  // attachments → rooms: who may upload and download is room membership (RoomAccess).
  attachments: [...service, 'rooms'],
  // notifications → rooms, messages, identity: who a message notifies, its queue mark, the sender's name.
  notifications: [...service, 'messages', 'rooms', 'identity'],
  gateway: [...service, 'realtime', 'messages', 'rooms', 'attachments', 'notifications'],
  'client-sdk': ['contracts'],
  'delivery-checker': [],
  'load-measure': [],
  'recording-client': ['contracts', 'client-sdk', 'delivery-checker'],
  // The embedded MongoDB (@chat/mongo-stand-in) lives in libs/testing but ships with the local cluster.
  'local-cluster': ['platform', 'testing/src/embedded-mongo'],
  testing: core,
};

const libraryRules = Object.entries(allowed).map(([lib, deps]) => ({
  name: `${lib}-imports-only-${deps.length ? deps.join('+').replaceAll('/', '.') : 'itself'}`,
  comment: 'The allowed dependencies between libraries: docs/architecture.md, "Boundaries".',
  severity: 'error',
  from: { path: `^libs/${lib}/` },
  to: { path: '^libs/', pathNot: `^libs/(${[lib, ...deps].join('|')})/` },
}));

module.exports = {
  forbidden: [
    ...libraryRules,
    {
      name: 'library-not-in-boundaries',
      comment: 'A new library needs its line in .dependency-cruiser.js.',
      severity: 'error',
      from: { path: '^libs/', pathNot: `^libs/(${Object.keys(allowed).join('|')})/` },
      to: {},
    },
    {
      name: 'only-apps-import-platform-web-client',
      comment:
        'Serving the web client is a composition-root concern; libraries import the platform area they need.',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/platform/' },
      to: { path: '^libs/platform/src/web-client/' },
    },
    {
      name: 'only-tests-import-an-app',
      comment: 'Apps compose libraries; a library never imports an app, nor an app another app.',
      severity: 'error',
      from: { path: '^(apps|libs)/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^$1/$2/' },
    },
    {
      name: 'only-tests-import-testing',
      comment: '@chat/testing is test infrastructure: jest set-up, servers and process helpers.',
      severity: 'error',
      from: { path: '^apps/' },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'nothing-imports-test',
      comment: 'test/ depends on the code, never the other way round.',
      severity: 'error',
      from: { path: '^(apps|libs)/' },
      to: { path: '^test/' },
    },
    {
      name: 'web-imports-only-contracts+client-sdk',
      comment: 'The web client is a browser bundle: it talks to the server through the SDK.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^libs/', pathNot: '^libs/(contracts|client-sdk)/' },
    },
    {
      name: 'browser-code-imports-no-node-builtins',
      comment: 'The SDK and the web client run in browsers.',
      severity: 'error',
      from: { path: '^(libs/client-sdk|apps/web/src)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'contracts-imports-no-package',
      comment: 'Contracts are pure TypeScript: no Nest, no other package, no Node module.',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { pathNot: '^libs/' },
    },
    {
      name: 'shipped-code-imports-only-dependencies',
      comment:
        'Compiled apps and libraries run with `npm ci --omit=dev`: what they import belongs in "dependencies".',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: ['^libs/testing/', '^apps/web/', '\\.spec\\.ts$'] },
      to: { dependencyTypes: ['npm-dev', 'npm-no-pkg', 'npm-unknown'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'import-resolves',
      comment: 'An import that cannot be resolved would escape every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    // ESM-only packages (file-type) publish their entry under `exports` alone.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['require', 'import', 'node', 'types', 'default'],
    },
  },
};
