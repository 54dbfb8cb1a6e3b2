"""Publishing: view records written out as pages, the report, terminal text, handouts and the site."""
