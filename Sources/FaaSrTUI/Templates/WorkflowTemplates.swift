import FaaSrCore

/// The workflows `:new` starts from. They are compiled in (the designer runs from anywhere,
/// without the package's `samples/` folder) as SwiftPM resources generated from the files in
/// `Resources/templates/` (`samples/templates` links there, for reading and for
/// `faasr-tui samples/templates/NAME.json`). `empty` is built in code from the platform facts
/// (``DesignDocument/template(name:)``); its file `empty.json` is only the sample, and a test
/// keeps the two equal.
public enum WorkflowTemplates {
    /// Template names, in the order the picker lists them.
    public static let names = ["empty", "tutorial", "diamond", "conditional"]

    /// One line per template for the picker.
    public static func summary(_ name: String) -> String {
        switch name {
        case "empty": "no actions; a GitHub Actions server GH and a data store S3"
        case "tutorial": "the FaaSr tutorial: start (create_sample_data) → sum (compute_sum), R"
        case "diamond": "start fans out to left and right, which join"
        case "conditional": "start invokes big when True, small when False"
        default: ""
        }
    }

    /// The template's document (nil for an unknown name).
    public static func document(_ name: String) -> DesignDocument? {
        if name == "empty" { return .template() }
        guard let text = text(name) else { return nil }
        return try? DesignDocument(text: text)
    }

    /// The template's file text (nil for `empty`, which is built in code, and unknown names).
    public static func text(_ name: String) -> String? {
        switch name {
        case "tutorial": String(decoding: PackageResources.tutorial_json, as: UTF8.self)
        case "diamond": String(decoding: PackageResources.diamond_json, as: UTF8.self)
        case "conditional": String(decoding: PackageResources.conditional_json, as: UTF8.self)
        default: nil
        }
    }
}
