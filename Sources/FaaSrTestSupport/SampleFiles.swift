import Foundation

/// The `.json` files of the package's `samples/` folder, for tests that open every sample.
///
/// `samples/templates` is a link to the designer's template resources
/// (`Sources/FaaSrTUI/Resources/templates`); Foundation's directory enumerator does not follow
/// links to folders, this walk does.
public enum SampleFiles {
    /// Paths relative to `samples/`, sorted (`diamond/diamond.json`, `templates/empty.json`, ...).
    public static func json() -> [String] {
        let root = SharedFixtures.packageRoot.appendingPathComponent("samples").path
        return walk(root, prefix: "").sorted()
    }

    private static func walk(_ folder: String, prefix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var out: [String] = []
        for name in names {
            var isFolder: ObjCBool = false
            // fileExists follows links, so a linked folder counts as a folder.
            guard FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                out += walk(folder + "/" + name, prefix: prefix + name + "/")
            } else if name.hasSuffix(".json") {
                out.append(prefix + name)
            }
        }
        return out
    }
}
