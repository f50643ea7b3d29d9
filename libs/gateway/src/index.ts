export * from './gateway.module';
export * from './gateway.options';
export * from './gateway-options.from-env';
export * from './chat-io.adapter';
export * from './drain/drain.service';
export * from './handshake/origin-policy';
