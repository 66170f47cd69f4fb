/** An MCP session in Firefox: the claims shared with Chromium (test/support/specs/mcp-session.ts). */
import { mcpSessionSpecs } from '../support/specs/mcp-session';
import { test } from './fixtures';

mcpSessionSpecs(test);
