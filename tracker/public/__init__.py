"""Published plans: the public page and open data under the Open Government Licence."""
