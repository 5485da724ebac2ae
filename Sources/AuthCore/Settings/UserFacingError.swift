/// An error whose `message` is one line an operator can act on: what is wrong and what to do.
/// Messages never carry secrets or statement arguments.
public protocol UserFacingError: Error {
    var message: String { get }
}
