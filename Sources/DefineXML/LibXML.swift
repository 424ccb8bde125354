internal import CLibXML2

/// libxml2 is initialised once per process, before any use.
let libxmlInitialized: Void = { xmlInitParser() }()
