import FaaSrCore
import Foundation
import Testing
import TUIKit
@testable import FaaSrTUI

extension Journey {
    /// Moves the form selection to the first row labelled `label` (and showing `value`), with keys.
    mutating func goToRow(_ label: String, value: String? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let i = try #require(state.formRows.firstIndex { $0.label == label && (value == nil || $0.value == value) }, sourceLocation: sourceLocation)
        press("g")
        for _ in 0..<i { press("j") }
        #expect(state.fieldIndex == i, sourceLocation: sourceLocation)
    }

    /// The value shown in the row labelled `label`.
    func rowValue(_ label: String) -> String? { state.formRows.first { $0.label == label }?.value }
}

/// A tutorial with credentials written in the file (never to be shown or exported). Opening
/// such a file migrates them out (FaaSrCore's `Migrator`); these states start from the text
/// as if the credentials had been typed in this session.
func credentialJourney() throws -> Journey {
    Journey(AppState(doc: try DesignDocument(text: credentialText), filePath: "/tmp/wf.json"))
}

let credentialText = tutorialText
    .replacingOccurrences(of: "\"Branch\": \"main\"}", with: "\"Branch\": \"main\", \"Token\": \"ghp_TOPSECRET42\"}")
    .replacingOccurrences(of: "\"Writable\": \"TRUE\"}", with: "\"Writable\": \"TRUE\", \"AccessKey\": \"AKIA_HIDDEN_7\"}")

@Suite("Editor journeys: packages, containers, secrets, settings")
struct EditorJourneyTests {
    @Test("PyPI packages are a list: add, edit, remove items; empty and duplicate refused; one undo step each")
    func packages() throws {
        var j = try Journey(text: tutorialText)
        j.press("Enter")
        try j.goToRow("PyPI packages")
        j.press("Enter")
        guard case .prompt(let title, _, .addListItem) = j.state.mode else { Issue.record("no prompt"); return }
        #expect(title == "New PyPI package")
        j.press("text:numpy", "Enter")
        let p = JSONPointer(tokens: ["PyPIPackageDownloads", "create"])
        #expect(j.state.doc.root.value(at: p) == ["numpy"])
        #expect(j.state.formRows[j.state.fieldIndex].value == "numpy")
        try j.goToRow("PyPI packages")
        j.press("Enter", "text: pandas ", "Enter")
        #expect(j.state.doc.root.value(at: p) == ["numpy", "pandas"])
        try j.goToRow("PyPI packages")
        j.press("Enter", "text:numpy", "Enter")
        #expect(j.state.toast?.contains("already exists") == true)
        #expect(j.state.doc.root.value(at: p) == ["numpy", "pandas"])
        #expect(j.state.history.past.count == 2)
        try j.goToRow("PyPI packages")
        try j.expectGolden("packages")
        try j.goToRow("  ·", value: "numpy")
        j.press("Enter")
        #expect(j.state.inlineEdit?.text == "numpy")
        j.press("C-u", "text:scipy", "Enter")
        #expect(j.state.doc.root.value(at: p) == ["scipy", "pandas"])
        try j.goToRow("  ·", value: "pandas")
        j.press("x")
        #expect(j.state.doc.root.value(at: p) == ["scipy"])
        try j.goToRow("  ·", value: "scipy")
        j.press("x")
        #expect(j.state.doc.root.value(at: p) == nil)
        #expect(j.state.doc.root["PyPIPackageDownloads"] == nil)
        #expect(j.state.problems.isEmpty, "\(j.state.problems)")
        #expect(j.state.history.past.count == 5)
        j.press("u")
        #expect(j.state.doc.root.value(at: p) == ["scipy"])
        #expect(j.effects.last == .writeRecovery(path: "/tmp/.wf.json.faasr-recovery", text: j.state.doc.text))
    }

    @Test("CRAN packages show for R actions, a single-string entry becomes a list, GitHub packages for all")
    func cranAndGitHub() throws {
        let text = tutorialText.replacingOccurrences(of: "\"Type\": \"Python\"", with: "\"Type\": \"R\"")
            .replacingOccurrences(of: "\"WorkflowName\"", with: "\"FunctionCRANPackage\": {\"create\": \"dplyr\"}, \"WorkflowName\"")
        var j = try Journey(text: text)
        j.press("Enter")
        let labels = j.state.formRows.map(\.label)
        #expect(labels.contains("CRAN packages") && labels.contains("GitHub packages") && !labels.contains("PyPI packages"))
        #expect(!labels.contains("Conda packages"), "schema-only maps show only when the file has entries")
        try j.goToRow("CRAN packages")
        j.press("Enter", "text:tidyr", "Enter")
        #expect(j.state.doc.root["FunctionCRANPackage"]?["create"] == ["dplyr", "tidyr"])
        try j.goToRow("GitHub packages")
        j.press("Enter", "text:FaaSr/FaaSr-package", "Enter")
        #expect(j.state.doc.root["FunctionGitHubPackage"]?["create"] == ["FaaSr/FaaSr-package"])
    }

    @Test("the container: 'use default image' shows the default; unticking makes it editable; ticking removes the entry")
    func container() throws {
        var j = try Journey(text: tutorialText)
        j.press("Enter")
        #expect(j.rowValue("Default image") == "[x] ghcr.io/faasr/github-actions-python:latest")
        try j.goToRow("Default image")
        j.press("Enter")
        let p = JSONPointer(tokens: ["ActionContainers", "start"])
        #expect(j.state.doc.root.value(at: p) == "ghcr.io/faasr/github-actions-python:latest")
        #expect(j.state.formRows[j.state.fieldIndex].label == "  Container")
        j.press("Enter", "C-u", "text:ghcr.io/me/custom:1", "Enter")
        #expect(j.state.doc.root.value(at: p) == "ghcr.io/me/custom:1")
        #expect(j.rowValue("Default image")?.hasPrefix("[ ] default would be ghcr.io/faasr/github-actions-python") == true)
        try j.expectGolden("container-custom")
        try j.goToRow("Default image")
        j.press("Enter")
        #expect(j.state.doc.root.value(at: p) == nil)
        #expect(j.state.doc.root["ActionContainers"] == nil && j.state.problems.isEmpty)
        #expect(j.state.history.past.count == 3)
        // The default follows the language and the server's FaaSType (spec/platforms.md).
        var d = j.state.doc
        d.set("R", at: DesignDocument.actionPointer("start").appending("Type"))
        d.set("Lambda", at: DesignDocument.serverPointer("GH").appending("FaaSType"))
        #expect(d.defaultContainer(of: "start") == "145342739029.dkr.ecr.us-east-1.amazonaws.com/aws-lambda-r:latest")
    }

    @Test("the Secrets page lists the derived names, edits the user's Secrets, and never shows a credential")
    func secrets() throws {
        var j = try credentialJourney()
        j.press("4", "j")
        #expect(j.state.selectedName == "Secrets")
        let names = j.state.formRows.map(\.label)
        #expect(names.contains("GH_PAT") && names.contains("S3_AccessKey") && names.contains("S3_SecretKey"))
        #expect(!j.screen.contains("ghp_TOPSECRET42") && !j.screen.contains("AKIA_HIDDEN_7"))
        j.press("Enter")
        try j.goToRow("User secrets")
        j.press("Enter", "text:bad-name", "Enter")
        #expect(j.state.toast?.contains("not a valid secret name") == true)
        try j.goToRow("User secrets")
        j.press("Enter", "text:MY_API_KEY", "Enter")
        #expect(j.state.doc.root["Secrets"] == ["MY_API_KEY"])
        #expect(j.state.formRows.contains { $0.label == "MY_API_KEY" && $0.value == "user secret" })
        try j.expectGolden("secrets")
        try j.goToRow("  GH.Token")
        #expect(j.state.formRows[j.state.fieldIndex].value == SecretMask.dots)
        j.press("x")
        #expect(j.state.doc.server("GH")?["Token"] == nil)
        #expect(j.state.doc.server("GH")?["UseSecretStore"] == true)
        #expect(j.state.history.past.count == 2)
        // The save preview and the web-builder export never carry the store's key.
        j.press(":", "text:preview", "Enter")
        #expect(!j.screen.contains("AKIA_HIDDEN_7") && j.screen.contains(SecretMask.dots))
        j.press("Escape", ":", "text:export", "Enter")
        j.answerExportCheck()
        guard case .export(let files)? = j.effects.last else { Issue.record("no export"); return }
        #expect(files.allSatisfy { !$0.text.contains("AKIA_HIDDEN_7") })
        #expect(j.state.doc.text.contains("AKIA_HIDDEN_7"), "the workflow file itself keeps what the user wrote")
    }

    @Test("a credential is typed masked, starts empty, and its value never reaches the screen or a toast")
    func credentialEdit() throws {
        var j = try credentialJourney()
        j.press("2", "Enter")
        #expect(j.rowValue("Token") == SecretMask.dots)
        try j.goToRow("Token")
        j.press("Enter")
        #expect(j.state.inlineEdit?.text == "")
        j.press("text:ghp_new_value")
        #expect(!j.screen.contains("ghp_new_value") && j.screen.contains("•••••••••••••"))
        j.press("Enter")
        #expect(j.state.doc.server("GH")?["Token"] == "ghp_new_value")
        #expect(j.state.toast == "Token set (hidden)")
        #expect(!j.screen.contains("ghp_new_value"))
        j.press("u")
        #expect(j.state.doc.server("GH")?["Token"] == "ghp_TOPSECRET42")
        #expect(!j.screen.contains("ghp_TOPSECRET42"))
    }

    @Test("InvocationID: UUID, from date and fixed modes, RerunOnMatchedInvocationID, each one undo step")
    func invocationID() throws {
        var j = try Journey(text: tutorialText)
        j.press("4", "Enter")
        #expect(j.rowValue("InvocationID mode") == "UUID")
        try j.goToRow("InvocationID mode")
        j.press("Enter", "text:date", "Enter")
        #expect(j.state.doc.root["InvocationIDFromDate"] == "%Y%m%d%H%M%S")
        try j.goToRow("  date format")
        j.press("Enter", "C-u", "text:%Y%m%d", "Enter")
        #expect(j.state.doc.root["InvocationIDFromDate"] == "%Y%m%d")
        try j.expectGolden("invocation-from-date")
        try j.goToRow("InvocationID mode")
        j.press("Enter", "text:fixed", "Enter")
        #expect(j.state.doc.root["InvocationIDFromDate"] == nil)
        #expect(j.state.doc.root["InvocationID"] == "my-invocation")
        try j.goToRow("InvocationID mode")
        j.press("Enter", "text:UUID", "Enter")
        #expect(j.state.doc.root["InvocationID"] == nil && j.state.doc.root["InvocationIDFromDate"] == nil)
        try j.goToRow("RerunOnMatchedID")
        j.press("Enter")
        #expect(j.state.doc.root["RerunOnMatchedInvocationID"] == true)
        #expect(j.state.history.past.count == 5)
    }

    @Test("VMConfig: filling a field creates it, Provider is a choice, keys are masked, x removes it")
    func vmConfig() throws {
        var j = try Journey(text: tutorialText)
        j.press("4", "G", "Enter")
        #expect(j.rowValue("VMConfig") == "none: fill a field to add one")
        try j.goToRow("Name")
        j.press("Enter", "text:vm1", "Enter")
        try j.goToRow("Provider")
        j.press("Enter", "Enter")
        try j.goToRow("InstanceId")
        j.press("Enter", "text:i-0abc", "Enter")
        try j.goToRow("Region")
        j.press("Enter", "text:us-east-1", "Enter")
        try j.goToRow("SecretKey")
        j.press("Enter", "text:vm-secret-9", "Enter")
        #expect(j.state.doc.root["VMConfig"] == ["Name": "vm1", "Provider": "AWS", "InstanceId": "i-0abc", "Region": "us-east-1", "SecretKey": "vm-secret-9"])
        #expect(!j.state.problems.contains { $0.pointer.description.hasPrefix("/VMConfig") && $0.severity == .error })
        #expect(!j.screen.contains("vm-secret-9"))
        try j.expectGolden("vmconfig")
        try j.goToRow("VMConfig")
        j.press("x")
        #expect(j.state.doc.root["VMConfig"] == nil)
        #expect(j.state.history.past.count == 6)
    }

    @Test("resources: RequiresVM toggles, MaxMemory is a number, a SLURM action gets the Resources rows")
    func resources() throws {
        var j = try Journey(text: tutorialText)
        j.press("Enter")
        try j.goToRow("RequiresVM")
        j.press("Enter")
        #expect(j.state.doc.action("start")?["RequiresVM"] == true)
        try j.goToRow("MaxMemory")
        j.press("Enter", "text:lots", "Enter")
        #expect(j.state.toast?.contains("not a number") == true)
        j.press("Enter", "text:2048", "Enter")
        #expect(j.state.doc.action("start")?["MaxMemory"] == 2048)
        #expect(!j.state.formRows.contains { $0.label == "Resources" })
        j.press("2", "Enter", "j", "Enter", "text:SLURM", "Enter", "1", "Enter")
        #expect(j.state.doc.server("GH")?["FaaSType"] == "SLURM")
        try j.goToRow("  Nodes")
        j.press("Enter", "text:2", "Enter")
        try j.goToRow("  Partition")
        j.press("Enter", "text:gpu", "Enter")
        #expect(j.state.doc.action("start")?["Resources"] == ["Nodes": 2, "Partition": "gpu"])
        try j.expectGolden("resources-slurm")
    }

    @Test("deleting a server or a store asks first and lists what else changes")
    func deleteServerAndStore() throws {
        var j = try Journey(text: tutorialText)
        j.press("2", "d")
        guard case .confirm(_, let message, let details, _) = j.state.mode else { Issue.record("no confirm"); return }
        #expect(message == "Delete server 'GH'?")
        try j.expectGolden("delete-server")
        #expect(details.contains { $0.contains("start, sum") && $0.contains("'GH'") })
        j.press("n")
        #expect(j.state.doc.serverNames == ["GH"])
        j.press("3", "d")
        guard case .confirm(_, _, let storeDetails, _) = j.state.mode else { Issue.record("no confirm"); return }
        #expect(storeDetails.contains { $0.contains("DefaultDataStore") })
        j.press("y")
        #expect(j.state.doc.storeNames == [])
    }

    @Test("a problem in ActionContainers jumps to the action's container row; Token=… typed in + field is masked")
    func jumpAndPromptMask() throws {
        let text = tutorialText.replacingOccurrences(of: "\"WorkflowName\"", with: "\"ActionContainers\": {\"sum\": \"\"}, \"WorkflowName\"")
        var j = try Journey(text: text)
        let i = try #require(j.state.problems.firstIndex { $0.pointer.description == "/ActionContainers/sum" }, "\(j.state.problems)")
        j.press("6")
        for _ in 0..<i { j.press("j") }
        j.press("Enter")
        #expect(j.state.section == .actions && j.state.selectedName == "sum")
        #expect(j.state.formRows[j.state.fieldIndex].label == "Default image")
        j.press("2", "Enter")
        try j.goToRow("+ field")
        j.press("Enter", "text:Token=ghp_typed_secret")
        #expect(!j.screen.contains("ghp_typed_secret") && j.screen.contains("Token=••••"))
        j.press("Enter")
        #expect(j.state.doc.server("GH")?["Token"] == "ghp_typed_secret")
        #expect(j.state.toast == "Token set (hidden)")
    }

    @Test("renaming an action's function moves its repo and package entries when no other action runs it")
    func functionRenameFollows() throws {
        var j = try Journey(text: tutorialText)
        j.press("Enter")
        try j.goToRow("PyPI packages")
        j.press("Enter", "text:numpy", "Enter")
        try j.goToRow("FunctionName")
        j.press("Enter", "C-u", "text:make_data", "Enter")
        #expect(j.state.doc.action("start")?["FunctionName"] == "make_data")
        #expect(j.state.doc.root["FunctionGitRepo"]?["make_data"] == "me/repo" && j.state.doc.root["FunctionGitRepo"]?["create"] == nil)
        #expect(j.state.doc.root["PyPIPackageDownloads"]?["make_data"] == ["numpy"])
        #expect(j.state.history.past.count == 2)
        // A function two actions share: only this action changes; the entries stay with the other.
        let shared = tutorialText.replacingOccurrences(of: "\"FunctionName\": \"compute_sum\"", with: "\"FunctionName\": \"create\"")
        var k = try Journey(text: shared)
        k.press("Enter")
        try k.goToRow("FunctionName")
        k.press("Enter", "C-u", "text:other", "Enter")
        #expect(k.state.doc.action("start")?["FunctionName"] == "other" && k.state.doc.action("sum")?["FunctionName"] == "create")
        #expect(k.state.doc.root["FunctionGitRepo"]?["create"] == "me/repo")
    }

    @Test("a FunctionGitRepo list is edited as a list; a server's SecretsList shows names only")
    func repoListAndSecretsList() throws {
        let text = tutorialText.replacingOccurrences(of: "\"create\": \"me/repo\"", with: "\"create\": [\"me/repo\", \"me/extra\"]")
            .replacingOccurrences(of: "\"Branch\": \"main\"}", with: "\"Branch\": \"main\", \"SecretsList\": {\"API_TOKEN\": \"s3cr3t-v4lue\"}}")
        var j = try Journey(text: text)
        j.press("Enter")
        try j.goToRow("  ·", value: "me/extra")
        j.press("x")
        #expect(j.state.doc.root["FunctionGitRepo"]?["create"] == ["me/repo"])
        // A single location becomes a list when typed with commas.
        j.press("1", "j", "Enter")
        #expect(j.state.selectedAction == "sum")
        try j.goToRow("FunctionGitRepo", value: "me/repo")
        j.press("Enter", "C-u", "text:me/a, me/b", "Enter")
        #expect(j.state.doc.root["FunctionGitRepo"]?["compute_sum"] == ["me/a", "me/b"])
        j.press("2", "Enter")
        #expect(j.rowValue("SecretsList") == "API_TOKEN=" + SecretMask.dots)
        #expect(!j.screen.contains("s3cr3t-v4lue"))
        try j.goToRow("SecretsList")
        j.press("x")
        #expect(j.state.doc.server("GH")?["SecretsList"] == nil)
    }
}
