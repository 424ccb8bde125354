import Export
import SDTMModel

/// Writes datasets in one of the submission formats.
public enum DatasetWriters {
    /// Writes each dataset in `format` into `directory`. XPT limits (names, labels, value lengths) are errors, never truncation.
    public static func write(
        _ datasets: [Dataset], format: OutputFormat, study: StudyDefinition, to directory: String
    ) throws(XPTError) -> [WrittenFile] {
        try write(datasets.map { ($0, ColumnMetadata.of($0)) }, format: format, study: study, to: directory)
    }

    /// As above, with each dataset's column metadata already computed.
    public static func write(
        _ datasets: [(dataset: Dataset, columns: [ColumnMetadata])], format: OutputFormat, study: StudyDefinition,
        to directory: String
    ) throws(XPTError) -> [WrittenFile] {
        var written: [WrittenFile] = []
        for (dataset, columns) in datasets {
            if format == .xpt {
                written.append(try XPTWriter.write(dataset, columns: columns, label: dataset.spec.label,
                                                   created: study.creationDateTime, to: directory))
                continue
            }
            do throws(ExportError) {
                written.append(format == .csv
                    ? try DatasetCSV.write(dataset, columns: columns.map(\.index), to: directory)
                    : try DatasetJSONWriter.write(dataset, columns: columns, label: dataset.spec.label,
                                                  context: datasetJSONContext(study), format: format == .json ? .json : .ndjson,
                                                  to: directory))
            } catch {
                throw .cannotWrite(error)
            }
        }
        return written
    }

    static func datasetJSONContext(_ study: StudyDefinition) -> DatasetJSONContext {
        DatasetJSONContext(
            studyOID: study.studyOID, metaDataVersionOID: StudyDefinition.metaDataVersionOID,
            creationDateTime: study.creationDateTime, originator: study.sponsor, sourceSystemVersion: ExportJob.toolVersion)
    }
}
