/**
 * The host: HTTP + WebSocket server on 127.0.0.1 that serves the renderer and the typed RPC, to the
 * Electron window and to browsers alike (DESIGN.md "One host, two shells").
 */
export { createHost, MAX_FRAME_BYTES, WS_PATH, type Host, type HostOptions } from './server';
export { RpcError, type RpcHandlers, type RpcIssue } from './rpc-dispatch';
export { LAUNCH_TOKEN_TTL_MS, type SessionCookie } from './session';
export { contentSecurityPolicy } from './security-headers';
export { API_PREFIX, API_ROUTES, apiSignalRequestSchema, createApiRoutes, type ApiOrderSubmitter, type ApiRoutes, type ApiRoutesOptions } from './api-routes';
export { ENDPOINT_FILE, TerminalNotRunningError, endpointSchema, processExists, readEndpointFile, writeEndpointFile, type TerminalEndpoint } from './api-endpoint-file';
