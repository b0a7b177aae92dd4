"""The Outcomes page, its dialogs and the rating chart."""
