/// A value-type model of a Define-XML 2.1 document: what the builder derives and the writer serialises,
/// in the order the schema wants each family of elements.
struct DefineModel: Sendable {
    var fileOID: String
    var creationDateTime: String
    var originator: String
    var sourceSystem: String
    var sourceSystemVersion: String?
    /// `def:Context`: Submission or Other.
    var context: String
    var stylesheetHref: String?
    var study: StudyInfo
    var metaDataVersion: MetaDataVersionInfo
    var standards: [DefineStandard]
    var valueLists: [DefineValueList]
    var whereClauses: [DefineWhereClause]
    var itemGroups: [DefineItemGroup]
    var items: [DefineItem]
    var codeLists: [DefineCodeList]
    var methods: [DefineMethod]
    var comments: [DefineComment]
    /// Documents outside the datasets (the dataset files' leaves belong to their item groups).
    var leaves: [DefineLeaf]
}

struct StudyInfo: Sendable {
    var oid: String
    var name: String
    var description: String
    var protocolName: String
}

struct MetaDataVersionInfo: Sendable {
    var oid: String
    var name: String
    var description: String
    var defineVersion: String
}

/// `def:Standard`: an implementation guide (Type IG) or a terminology release (Type CT).
struct DefineStandard: Sendable {
    var oid: String
    var name: String
    var type: String
    var publishingSet: String?
    var version: String
    var status: String
}

/// `ItemRef`, in an item group (a dataset's variable) or in a value list (a value-level definition).
struct DefineItemRef: Sendable {
    var itemOID: String
    var orderNumber: Int
    var mandatory: Bool
    var keySequence: Int?
    var methodOID: String?
    var role: String?
    var hasNoData: Bool
    var whereClauseOIDs: [String]
}

/// `ItemGroupDef`: one dataset.
struct DefineItemGroup: Sendable {
    var oid: String
    var name: String
    var domain: String
    var repeating: Bool
    var isReferenceData: Bool
    var sasDatasetName: String
    var structure: String
    var purpose: String
    var standardOID: String?
    var archiveLocationID: String?
    var commentOID: String?
    var description: String
    var itemRefs: [DefineItemRef]
    /// `Alias Context="DomainDescription"`: the parent domain's label, for SUPP-- datasets.
    var domainDescription: String?
    /// `def:Class Name`.
    var className: String
    var leaf: DefineLeaf?
}

/// `def:Origin`.
struct DefineOrigin: Sendable, Hashable {
    enum Kind: String, Sendable {
        case collected = "Collected"
        case derived = "Derived"
        case assigned = "Assigned"
        case protocolDefined = "Protocol"
        case predecessor = "Predecessor"
        case notAvailable = "Not Available"
        case other = "Other"
    }

    var type: Kind
    /// Investigator, Sponsor, Subject or Vendor.
    var source: String?
    var description: String?
}

/// `ItemDef`: a dataset variable, or one value-level definition of a variable.
struct DefineItem: Sendable {
    var oid: String
    var name: String
    var dataType: String
    var length: Int?
    var significantDigits: Int?
    var sasFieldName: String?
    var commentOID: String?
    var description: String
    var codeListOID: String?
    var origin: DefineOrigin?
    var valueListOID: String?
}

/// A term of a `CodeList`: `EnumeratedItem`, or `CodeListItem` with a `Decode`.
struct DefineCodeListTerm: Sendable {
    var codedValue: String
    var decode: String?
    /// The NCI C-code of the term, when it is one.
    var code: String?
    var extended: Bool
}

/// `CodeList`.
struct DefineCodeList: Sendable {
    var oid: String
    var name: String
    var dataType: String
    var standardOID: String?
    var commentOID: String?
    /// CodeListItem/Decode when true, EnumeratedItem otherwise.
    var decoded: Bool
    var terms: [DefineCodeListTerm]
    /// The NCI C-code of the codelist.
    var code: String?
    /// For a codelist that is an external dictionary (MedDRA), its name, version and address, in place of terms.
    var external: (dictionary: String, version: String, href: String?)? = nil
}

/// `MethodDef`.
struct DefineMethod: Sendable {
    var oid: String
    var name: String
    /// Computation or Imputation.
    var type: String
    var description: String
}

/// `def:CommentDef`.
struct DefineComment: Sendable {
    var oid: String
    var text: String
}

/// `def:leaf`: a file the document points to.
struct DefineLeaf: Sendable {
    var id: String
    var href: String
    var title: String
}

/// `def:ValueListDef`.
struct DefineValueList: Sendable {
    var oid: String
    var itemRefs: [DefineItemRef]
}

/// `def:WhereClauseDef`: every range check must hold.
struct DefineWhereClause: Sendable {
    struct Check: Sendable {
        var itemOID: String
        /// EQ, NE, IN, NOTIN, ...
        var comparator: String
        var values: [String]
    }

    var oid: String
    var checks: [Check]
}
