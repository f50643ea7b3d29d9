'use strict';
// Functions the artillery scenario calls: fresh credentials per virtual user, and a fresh
// clientMsgId per send (the server deduplicates on it, so reusing one would be a retry, not a send).
const { randomBytes } = require('node:crypto');

function newCredentials(context, _events, next) {
  context.vars.username = `art_${randomBytes(6).toString('hex')}`;
  context.vars.password = randomBytes(12).toString('base64url');
  return next();
}

function newClientMsgId(context, _events, next) {
  context.vars.clientMsgId = `art${randomBytes(9).toString('base64url')}`;
  return next();
}

module.exports = { newCredentials, newClientMsgId };
