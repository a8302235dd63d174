// Language server entry (filled in by the manifest language server work).
process.stderr.write('mcp-workbench language server: not implemented yet\n');
