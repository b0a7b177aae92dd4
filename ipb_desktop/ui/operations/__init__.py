"""Every change the window makes, as one named operation per area:
one transaction, one error path, one undo step, one 'changed' signal."""
