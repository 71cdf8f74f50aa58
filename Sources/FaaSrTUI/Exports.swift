// The designer's API speaks TUIKit's types (Key, Size, Canvas): re-export them.
@_exported import TUIKit
