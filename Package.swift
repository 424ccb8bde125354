// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "sdtm",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sdtm", targets: ["sdtm"]),
        .library(name: "SDTMPipeline", targets: ["Pipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
    ],
    targets: [
        // Values shared by every stage: datasets, ISO 8601 dates, specs, terminology, diagnostics.
        .target(name: "SDTMModel"),
        // Stage 1: raw site CSVs into rows that keep their file and line.
        .target(name: "Ingest", dependencies: ["SDTMModel"]),
        // The standard's metadata and terminology, loaded from specs/.
        .target(name: "Standards", dependencies: ["SDTMModel", "Ingest"]),
        // Stage 2: the mapping language (YAML) and its interpreter.
        .target(name: "Mapping", dependencies: ["SDTMModel", "Ingest", "Standards", "Yams"]),
        // Stage 3: cross-row and cross-domain derivations.
        .target(name: "Derivation", dependencies: ["SDTMModel", "Ingest", "Standards", "Mapping"]),
        // Stage 4: conformance rules over datasets, streamed once.
        .target(name: "Validation", dependencies: ["SDTMModel", "Standards"]),
        // Stage 5: files written into the package.
        .target(name: "Export", dependencies: ["SDTMModel", "Ingest", "Validation", "CLibCrypto"]),
        // OpenSSL's libcrypto, the system C library: SHA-256 of every file written, with the CPU's SHA instructions.
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // libxml2 and libxslt, the system C libraries (pkg-config libxslt also gives libxml-2.0's flags).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxslt", providers: [.apt(["libxml2-dev", "libxslt1-dev"])]),
        // Define-XML 2.1: written, validated and rendered through libxml2 and libxslt.
        .target(name: "DefineXML", dependencies: ["SDTMModel", "Standards", "Mapping", "Derivation", "Export", "CLibXML2"]),
        // The stages wired together: what `sdtm export` runs.
        .target(
            name: "Pipeline",
            dependencies: [
                "SDTMModel", "Ingest", "Standards", "Mapping", "Derivation", "Validation", "Export", "DefineXML", "SampleStudy",
                .target(name: "CMalloc", condition: .when(platforms: [.linux])),
            ]),
        // glibc's malloc tuning (mallopt): freed column copies go back to the system rather than staying in the peak.
        .systemLibrary(name: "CMalloc"),
        // Synthetic raw site exports for the sample study, at any scale.
        .target(name: "SampleStudy", dependencies: ["SDTMModel", "Export"]),
        .executableTarget(
            name: "sdtm",
            dependencies: ["Pipeline", "SampleStudy", "Export", "SDTMModel", "Standards", "Mapping", "Validation", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "sdtm-bench", dependencies: ["Pipeline", "SampleStudy", "Ingest"]),
        .testTarget(name: "SDTMModelTests", dependencies: ["SDTMModel"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest"]),
        .testTarget(name: "StandardsTests", dependencies: ["Standards", "Ingest", "SDTMModel"]),
        .testTarget(name: "MappingTests", dependencies: ["Mapping", "Ingest", "Standards", "SDTMModel"]),
        .testTarget(name: "DerivationTests", dependencies: ["Derivation", "Mapping", "Standards", "Ingest", "SDTMModel"]),
        .testTarget(name: "ExportTests", dependencies: ["Export", "Ingest", "SDTMModel", "Validation"]),
        .testTarget(name: "ValidationTests", dependencies: ["Validation", "SDTMModel", "Standards", "Ingest"]),
        .testTarget(name: "DefineXMLTests", dependencies: ["DefineXML", "CLibXML2", "SDTMModel", "Standards", "Mapping", "Export"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "SampleStudy", "Ingest", "Export", "SDTMModel"]),
        .testTarget(name: "SampleStudyTests", dependencies: ["SampleStudy", "Ingest"]),
    ],
    swiftLanguageModes: [.v6]
)
