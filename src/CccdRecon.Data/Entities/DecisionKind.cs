namespace CccdRecon.Data.Entities;

public enum DecisionKind
{
    KeepRegistry = 1,
    TakeForm = 2,
    Correct = 3,
}
