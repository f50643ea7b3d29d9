module.exports = require('./global-teardown').default;
