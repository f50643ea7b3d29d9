// Jest loads globalSetup outside its module mapper, so the @chat/* aliases are registered here.
require('tsconfig-paths').register({
  baseUrl: `${__dirname}/../../..`,
  paths: require('../../../tsconfig.json').compilerOptions.paths,
});
module.exports = require('./global-setup').default;
