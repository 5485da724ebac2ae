import AuthCore

extension Reducer {
    /// Keys while a prompt or panel is open.
    static func overlayKey(_ k: Key, _ s: inout AppState, _ fx: inout [Effect]) {
        guard let overlay = s.overlay else { return }
        switch overlay {
        case .help(let scroll):
            let lines = HelpView.lineCount(glyphs: s.glyphs)
            let page = max(1, HelpView.bodyHeight(s.size))
            let bottom = max(0, lines - page)
            switch k {
            case .escape, .char("?"), .char("q"), .enter, .function(1): s.overlay = nil
            case .char("j"), .down: s.overlay = .help(scroll: min(bottom, scroll + 1))
            case .char("k"), .up: s.overlay = .help(scroll: max(0, scroll - 1))
            case .pageDown, .char(" "), .ctrl("d"): s.overlay = .help(scroll: min(bottom, scroll + page))
            case .pageUp, .ctrl("u"): s.overlay = .help(scroll: max(0, scroll - page))
            case .char("g"), .home: s.overlay = .help(scroll: 0)
            case .char("G"), .end: s.overlay = .help(scroll: bottom)
            default: break
            }

        case .providerPicker(let selected):
            let choices: [String?] = [nil] + s.providerChoices.map { Optional($0) }
            switch k {
            case .escape, .char("q"): s.overlay = nil
            case .char("j"), .down: s.overlay = .providerPicker(selected: min(choices.count - 1, selected + 1))
            case .char("k"), .up: s.overlay = .providerPicker(selected: max(0, selected - 1))
            case .char("g"), .home: s.overlay = .providerPicker(selected: 0)
            case .char("G"), .end: s.overlay = .providerPicker(selected: choices.count - 1)
            case .enter:
                s.overlay = nil
                if selected < choices.count { setProvider(choices[selected], &s, &fx) }
            default: break
            }

        case .jumpToPage(let text):
            switch k {
            case .escape: s.overlay = nil
            case .enter:
                s.overlay = nil
                jumpToPage(text, &s, &fx)
            case .backspace: s.overlay = .jumpToPage(text: String(text.dropLast()))
            case .ctrl("u"): s.overlay = .jumpToPage(text: "")
            case .char(let c) where c.isASCII && c.isNumber && text.count < 12:
                s.overlay = .jumpToPage(text: text + String(c))
            default: break
            }

        case .exportFormat:
            switch k {
            case .escape, .char("q"): s.overlay = nil
            case .char("c"), .char("C"): s.overlay = .exportPath(format: .csv, text: defaultExportName(.csv, s))
            case .char("j"), .char("J"): s.overlay = .exportPath(format: .json, text: defaultExportName(.json, s))
            default: break
            }

        case let .exportPath(format, text):
            switch k {
            case .escape: s.overlay = nil
            case .enter:
                let path = text.trimmedSpaces
                guard !path.isEmpty else { return }
                s.overlay = nil
                startExport(format: format, path: path, overwrite: false, &s, &fx)
            case .backspace: s.overlay = .exportPath(format: format, text: String(text.dropLast()))
            case .ctrl("u"): s.overlay = .exportPath(format: format, text: "")
            case .char(let c): s.overlay = .exportPath(format: format, text: text + String(c))
            default: break
            }

        case let .confirmOverwrite(format, path):
            switch k {
            case .char("y"), .char("Y"):
                s.overlay = nil
                startExport(format: format, path: path, overwrite: true, &s, &fx)
            case .char("n"), .char("N"), .escape, .char("q"):
                s.overlay = nil
                flash("not exported: \(path) already exists", error: false, &s, &fx)
            default: break
            }
        }
    }

    /// `authconsole-accounts-20260615-120000.csv`, from the session's "now".
    static func defaultExportName(_ format: ExportFormat, _ s: AppState) -> String {
        let t = s.environment.now.iso8601
        let digits = t.prefix(19).filter { $0.isNumber }
        let stamp = String(digits.prefix(8)) + "-" + String(digits.dropFirst(8).prefix(6))
        return "authconsole-accounts-\(stamp).\(format.fileExtension)"
    }

    static func startExport(format: ExportFormat, path: String, overwrite: Bool, _ s: inout AppState, _ fx: inout [Effect]) {
        guard s.export == nil else {
            flash("an export is already running (x cancels it)", error: true, &s, &fx)
            return
        }
        let request = ExportRequest(id: s.nextSerial(), filter: s.accounts.filter, sort: s.accounts.sort, format: format,
                                    path: path, overwrite: overwrite, expectedRows: s.accounts.count)
        s.export = ExportState(request: request)
        fx.append(.startExport(request))
    }

    static func exportEnded(_ id: Int, _ outcome: ExportOutcome, _ s: inout AppState, _ fx: inout [Effect]) {
        guard let export = s.export, export.request.id == id else { return }
        s.export = nil
        switch outcome {
        case let .finished(rows, path):
            flash("exported \(Format.count(rows)) row\(rows == 1 ? "" : "s") to \(path) (\(export.request.format.label))", error: false, &s, &fx)
        case .cancelled(let rows):
            flash("export cancelled after \(Format.count(rows)) rows; no file written", error: false, &s, &fx)
        case .exists(let path):
            s.overlay = .confirmOverwrite(format: export.request.format, path: path)
        case .failed(let message):
            flash("export failed: \(message)", error: true, &s, &fx)
        }
    }
}
