/** An MCP session in Chromium: the claims shared with Firefox (test/support/specs/mcp-session.ts). */
import { test } from '../support/fixtures';
import { mcpSessionSpecs } from '../support/specs/mcp-session';

mcpSessionSpecs(test);
