/// Draws a state into a frame: `render(state, size) -> ScreenBuffer`. Pure; the only way text
/// reaches the grid is `ScreenBuffer.put`, which sanitises it.
public enum Renderer {
    public static func render(_ state: AppState, size: TerminalSize) -> ScreenBuffer {
        var buffer = ScreenBuffer(size: size, ascii: !state.environment.unicode)
        var s = state
        s.size = size
        if size.isTooSmall {
            TooSmallView.draw(size: size, into: &buffer)
            return buffer
        }
        Chrome.drawTabs(s, into: &buffer)
        switch s.screen {
        case .dashboard: DashboardView.draw(s, into: &buffer)
        case .providers: ProvidersView.draw(s, into: &buffer)
        case .accounts:
            if let user = s.accounts.user {
                if let viewer = user.viewer {
                    ExtraDataView.draw(viewer, s, into: &buffer)
                } else {
                    UserView.draw(user, s, into: &buffer)
                }
            } else {
                AccountsView.draw(s, into: &buffer)
            }
        }
        Chrome.drawHints(s, into: &buffer)
        Chrome.drawStatus(s, into: &buffer)
        if let overlay = s.overlay { OverlayView.draw(overlay, s, into: &buffer) }
        return buffer
    }

    public static func render(_ state: AppState) -> ScreenBuffer { render(state, size: state.size) }
}
