import Testing
import FaaSrStorage

/// The key-construction table of spec/runtime.md §3.4 (newest FaaSr column).
@Suite struct FaaSrKeyTests {
    @Test(arguments: [
        (".", "a.csv", "a.csv"),
        ("", "a.csv", "a.csv"),
        ("x/y/", "a.csv", "x/y/a.csv"),
        ("/x", "a.csv", "/x/a.csv"),
        ("x", "/a.csv", "/a.csv"),
        ("x//y", "b//c.csv", "x/y/b/c.csv"),
        ("./x", "a.csv", "x/a.csv"),
        ("x", "sub/a.csv/", "x/sub/a.csv"),
    ])
    func specTable(folder: String, file: String, expected: String) {
        #expect(FaaSrKey.make(folder: folder, file: file) == expected)
    }

    @Test func dotDotIsKeptAndDotsVanish() {
        #expect(FaaSrKey.make(folder: "a/../b", file: "./c.txt") == "a/../b/c.txt")
        #expect(FaaSrKey.make(folder: "a/./b/.", file: "c") == "a/b/c")
    }

    @Test func nonASCIIAndSpacesAreUntouched() {
        #expect(FaaSrKey.make(folder: "data sets/ü", file: "a+b%20.csv") == "data sets/ü/a+b%20.csv")
    }

    @Test func emptyAndRootPaths() {
        #expect(FaaSrKey.normalize("") == ".")
        #expect(FaaSrKey.normalize("//") == "/")
        #expect(FaaSrKey.make(folder: "/", file: "a") == "/a")
    }
}
