// The conformance fixture speaking only the 2025 era (a server connected straight to the stdio transport, the way
// servers written before SDK v2 are), so the gateway's era bridge can be measured against the 2026-07-28 suite.
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { createConformanceServer } from './serverFixture.mjs';

await createConformanceServer({ era: 'legacy' }).connect(new StdioServerTransport());
