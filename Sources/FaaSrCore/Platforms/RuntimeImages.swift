extension PlatformFacts {
    /// The FaaSr for Swift action image for function type `language` (`Python`, `R`), as
    /// scripts/images names it: one image for every platform (its `faasr entry` picks the
    /// platform's way in), nil for other languages. Push it to a registry the platform reaches
    /// and put that name in `ActionContainers`; FaaSr's own images (``defaultContainer(language:)``)
    /// keep working beside it, per action.
    public static func runtimeImage(language: String, tag: String = "latest") -> String? {
        switch language {
        case "Python": "localhost/faasr-swift-python:\(tag)"
        case "R": "localhost/faasr-swift-r:\(tag)"
        default: nil
        }
    }
}
