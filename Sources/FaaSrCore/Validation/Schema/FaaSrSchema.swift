/// The FaaSr workflow schemas this package knows, compiled once on first use.
///
/// The texts are the official files in `Resources/schema/`, compiled into the binary as SwiftPM
/// resources (`.embedInCode`), so validation needs no file at run time. Sources (MIT licensed):
/// FaaSr/FaaSr-Backend:FaaSr_py/FaaSr.schema.json@f17f58f8 (2.x) and
/// FaaSr/FaaSr-package:schema/FaaSr.schema.json@0ab5844f (1.x); see ../shared/schema/README.md.
/// A test (`embeddedSchemasEqualTheSharedCopies`) checks they still equal ../shared/schema.
public enum FaaSrSchema: String, Sendable, CaseIterable {
    /// The official 2.x schema (`ActionList` files), `FaaSr/FaaSr-Backend:FaaSr_py/FaaSr.schema.json`.
    case v2 = "2.x"
    /// The 1.x schema (`FunctionList` files) of the FaaSr R package.
    case v1 = "1.x"

    /// The schema text, byte-for-byte as published.
    public var text: String {
        switch self {
        case .v2: Self.officialV2Text
        case .v1: Self.officialV1Text
        }
    }

    /// The compiled schema.
    public var compiled: JSONSchema {
        switch self {
        case .v2: Self.compiledV2
        case .v1: Self.compiledV1
        }
    }

    /// The schema for a workflow's format generation: 1.x when it has `FunctionList` and no
    /// `ActionList`, otherwise 2.x (which is also what the FaaSr runtime and the oracle use).
    public static func matching(_ workflow: JSONValue) -> FaaSrSchema {
        if workflow["ActionList"] == nil, workflow["FunctionList"] != nil { return .v1 }
        return .v2
    }

    private static let officialV2Text = String(decoding: PackageResources.FaaSr_schema_json, as: UTF8.self)
    private static let officialV1Text = String(decoding: PackageResources.FaaSr_1_x_schema_json, as: UTF8.self)
    private static let compiledV2 = compile(officialV2Text)
    private static let compiledV1 = compile(officialV1Text)

    private static func compile(_ text: String) -> JSONSchema {
        do {
            return try JSONSchema(JSONDocument(text: text).root)
        } catch {
            // The texts are compiled-in resources checked by tests; failing here is a build defect.
            fatalError("embedded FaaSr schema does not compile: \(error)")
        }
    }
}
