/// One way a JSON value fails a JSON Schema, in structured form (turned into words a
/// scientist understands by ``SchemaMessages``).
public struct SchemaViolation: Hashable, Sendable {
    /// What was violated, with the facts a message needs.
    public enum Kind: Hashable, Sendable {
        /// The value has the wrong JSON type.
        case type(expected: [String])
        /// The value is not one of the allowed values.
        case enumeration(allowed: [JSONValue])
        /// The value is not the one allowed value.
        case constant(JSONValue)
        /// A string is shorter than allowed.
        case minLength(Int)
        /// A string is longer than allowed.
        case maxLength(Int)
        /// A string does not match a pattern.
        case pattern(String)
        /// A number is below the minimum (`exclusive`: must be strictly greater).
        case minimum(Double, exclusive: Bool)
        /// A number is above the maximum.
        case maximum(Double, exclusive: Bool)
        /// An object has too few members.
        case minProperties(Int)
        /// An object has too many members.
        case maxProperties(Int)
        /// A required member is missing (the pointer is the object's).
        case required(String)
        /// A member is not allowed (the pointer is the member's); `allowed` lists the names the
        /// schema defines there.
        case additionalProperty(String, allowed: [String])
        /// A member name fails the `propertyNames` schema (the pointer is the member's).
        case propertyName(String, [SchemaViolation])
        /// An array has too few items.
        case minItems(Int)
        /// An array has too many items.
        case maxItems(Int)
        /// An array has equal items where they must be unique.
        case uniqueItems
        /// Fewer array items than `minContains` match the `contains` schema.
        case containsTooFew(min: Int, found: Int)
        /// More array items than `maxContains` match the `contains` schema.
        case containsTooMany(max: Int, found: Int)
        /// The value matches none of the alternatives; each holds that alternative's violations.
        case anyOf([[SchemaViolation]])
        /// The value matches none, or more than one, of the exclusive alternatives.
        case oneOf(matching: Int, [[SchemaViolation]])
        /// The value matches a schema it must not match.
        case not
        /// The schema is `false`: nothing is allowed here.
        case nothingAllowed
    }

    /// Where the failing value is in the document.
    public var pointer: JSONPointer
    /// What is wrong.
    public var kind: Kind
    /// The `description` of the schema that failed, when it has one.
    public var schemaDescription: String?
    /// The failing value (the object, for `required` and `minProperties`; the member's value
    /// for an unknown member; the name for `propertyNames`), so messages need no lookup.
    public var value: JSONValue?

    public init(pointer: JSONPointer, kind: Kind, schemaDescription: String? = nil) {
        self.pointer = pointer
        self.kind = kind
        self.schemaDescription = schemaDescription
        self.value = nil
    }

    /// The JSON Schema keyword that failed (`required`, `pattern`, ...), used in rule codes.
    public var keyword: String {
        switch kind {
        case .type: "type"
        case .enumeration: "enum"
        case .constant: "const"
        case .minLength: "minLength"
        case .maxLength: "maxLength"
        case .pattern: "pattern"
        case .minimum: "minimum"
        case .maximum: "maximum"
        case .minProperties: "minProperties"
        case .maxProperties: "maxProperties"
        case .required: "required"
        case .additionalProperty: "additionalProperties"
        case .propertyName: "propertyNames"
        case .minItems: "minItems"
        case .maxItems: "maxItems"
        case .uniqueItems: "uniqueItems"
        case .containsTooFew: "minContains"
        case .containsTooMany: "maxContains"
        case .anyOf: "anyOf"
        case .oneOf: "oneOf"
        case .not: "not"
        case .nothingAllowed: "false"
        }
    }
}
