/// A prompt or panel over the current screen; it takes the keys while it is open.
public enum Overlay: Equatable {
    case help(scroll: Int)
    case providerPicker(selected: Int)
    case jumpToPage(text: String)
    case exportFormat
    case exportPath(format: ExportFormat, text: String)
    case confirmOverwrite(format: ExportFormat, path: String)
}
